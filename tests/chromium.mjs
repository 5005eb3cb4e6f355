// Debian's Chromium as every browser test here launches it through playwright-core (one list for the E2E
// suite, the app benchmark and the npm bundle test). Without the background-networking flags Chromium floods
// the closed network with refused connections (see TOOLCHAIN.md).
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];
