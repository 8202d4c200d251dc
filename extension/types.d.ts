// For the type checker only (scripts/lint.sh runs `tsc` with checkJs): the
// one global the extension's scripts share, and the parts each file puts in
// it. The message types are JSDoc typedefs in shared/protocol.js.

interface Riserbo {
  protocol: typeof riserboProtocol;
  analysis: typeof riserboAnalysis;
  settings: typeof riserboSettings;
  i18n: typeof riserboI18n;
  notices: typeof riserboNotices;
  engine: typeof riserboEngine;
  ui: typeof riserboUi;
  sendGuard: typeof riserboSendGuard;
  sites: typeof riserboSites;
  // Not annotated yet.
  textModel: any;
  images: any;
  /** extension/ocr/read.js: the text in attached pictures. */
  ocr: any;
  composers: any;
  stats: () => { watches: number, shadowRoots: number };
}

declare var riserbo: Riserbo;
