import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The keyboard in a modal dialog: it opens with the cursor in its first field (or on its first
 * button; a child that focused itself keeps it), Tab and Shift+Tab go round inside it, Escape
 * cancels when the dialog can be cancelled, Enter on a list box submits its form as in a text field,
 * and closing gives the focus back to what opened it.
 * `box` is the dialog's element; the result is its onKeyDown.
 */
export function useModalFocus(box: RefObject<HTMLElement | null>, onCancel?: () => void): (e: KeyboardEvent) => void {
  const opener = useRef(document.activeElement);
  useEffect(() => {
    if (!onCancel) return;
    const onKey = (e: globalThis.KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  useEffect(() => {
    const el = box.current;
    if (el && !el.contains(document.activeElement)) {
      const fields = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((f) => !f.classList.contains('bd-close'));
      (fields.find((f) => f.matches('input, select, textarea')) ?? fields[0])?.focus();
    }
    const back = opener.current;
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, [box]);
  return (e: KeyboardEvent) => {
    // Enter on a list box does what Enter does in the form's text fields: the form's button (a select alone would do nothing).
    if (e.key === 'Enter' && !e.altKey && e.target instanceof HTMLSelectElement && e.target.form) {
      e.preventDefault();
      e.target.form.requestSubmit();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const fields = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((f) => f.offsetParent !== null);
    if (!fields.length) return;
    const first = fields[0];
    const last = fields[fields.length - 1];
    if (e.shiftKey ? document.activeElement === first : document.activeElement === last) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  };
}
