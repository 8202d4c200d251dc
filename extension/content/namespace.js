// The content scripts share one isolated world; this object is the only name
// they add to it. Each file fills in its own part.
'use strict';
globalThis.riserbo = globalThis.riserbo || {};
