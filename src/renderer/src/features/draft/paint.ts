/**
 * Run `fn` once the next frame has been painted (a task after its animation frame), so that
 * work the clerk is not looking at waits until what they are looking at is on screen.
 * Returns a function that cancels it.
 */
export function afterNextPaint(fn: () => void): () => void {
  let timer = 0;
  const frame = requestAnimationFrame(() => (timer = window.setTimeout(fn, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
