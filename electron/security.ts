// The page's security policy, one copy for both hosts: Electron's main process (cairn:// responses) and the
// loopback server (HTTP responses). A change to what the workbench may load is made here, once.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "worker-src 'self' blob:",
  "connect-src 'self'", "img-src 'self' data:", "font-src 'self' data:", "object-src 'none'", "base-uri 'none'",
  "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

/** Headers on every response the workbench's pages and files come with. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
