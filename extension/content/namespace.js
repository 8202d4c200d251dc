// The content scripts share one isolated world, never seen by the page;
// `riserbo` is the name they use of each other. Each file fills in its part
// (and also declares it under a riserbo… name, for the type checker).
'use strict';
globalThis.riserbo = globalThis.riserbo || /** @type {any} */ ({});
