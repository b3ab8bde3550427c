import { app, session, type WebContents } from 'electron';

/**
 * Content-Security-Policy of the renderer: only the app's own scripts; inline styles are
 * allowed because AG Grid themes inject <style> tags; no network at all.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? "connect-src 'self' ws:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Block navigation away from the app, new windows, webviews and every permission request. */
export function hardenWebContents(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/**
 * The one permission there is: reading the clipboard, for the app's own page in its main frame
 * (粘贴 in a cell's menu; Ctrl+V needs none). Every other permission, and any other page, is refused.
 */
export function permitted(permission: string, request: { requestingUrl?: string; isMainFrame: boolean }, isAppUrl: (url: string) => boolean): boolean {
  return permission === 'clipboard-read' && request.isMainFrame && request.requestingUrl !== undefined && isAppUrl(request.requestingUrl);
}

/** CSP header on every response of the default session (dev server); no permissions but `permitted`'s. */
export function hardenSession(dev: boolean, isAppUrl: (url: string) => boolean): void {
  const csp = contentSecurityPolicy(dev);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permitted(permission, details, isAppUrl)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, _origin, details) => permitted(permission, details, isAppUrl));
}
