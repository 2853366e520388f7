// The page's Content-Security-Policy, the same for the desktop's app:// responses and the web host's HTTP ones.
// One literal, so scanners can read it. 'unsafe-inline' styles: React and xterm.js set style attributes.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
