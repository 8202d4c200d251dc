// Reads an editor's text the way the user sees it, with a map back to the
// DOM so that findings can be underlined without touching the editor.
//
// Rich editors (Draft.js, Lexical) render each paragraph as a block element
// holding spans of text; a block boundary reads as one "\n". The map lists,
// for every text node, where its text starts in the read string.
'use strict';

riserbo.textModel = (() => {
  const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'BLOCKQUOTE', 'DIV', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
    'H4', 'H5', 'H6', 'HEADER', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL']);

  /** Is `el` something the user types posts into? */
  function isEditable(el) {
    if (!el || el.nodeType !== Node.ELEMENT_NODE) return false;
    if (el.tagName === 'TEXTAREA') return !el.readOnly && !el.disabled;
    return el.isContentEditable;
  }

  /** The outermost editable element containing `node`, or null. */
  function editorRoot(node) {
    let el = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
    if (el && el.tagName === 'TEXTAREA') return isEditable(el) ? el : null;
    let root = null;
    while (el && el.isContentEditable) {
      root = el;
      el = el.parentElement;
    }
    return root;
  }

  /**
   * { text, segments } for an editor: `segments[i] = { node, start }` says
   * text node `node` starts at offset `start` of `text` (UTF-16 units).
   */
  function read(root) {
    if (root.tagName === 'TEXTAREA') {
      return { text: root.value, segments: [], textarea: true };
    }
    let text = '';
    const segments = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const breakLine = () => {
      if (text.length > 0 && !text.endsWith('\n')) text += '\n';
    };
    let node = walker.nextNode();
    while (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.data.length > 0) {
          segments.push({ node, start: text.length });
          text += node.data;
        }
      } else if (node.tagName === 'BR') {
        // Lexical and Draft render an empty paragraph as a lone <br>.
        text += '\n';
      } else if (BLOCK.has(node.tagName)) {
        breakLine();
      }
      node = walker.nextNode();
    }
    return { text, segments };
  }

  /** The DOM position of text offset `offset`, or null. */
  function position(model, offset) {
    const segs = model.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid].start <= offset) lo = mid; else hi = mid - 1;
    }
    const seg = segs[lo];
    if (!seg) return null;
    const inNode = Math.min(Math.max(offset - seg.start, 0), seg.node.data.length);
    return { node: seg.node, offset: inNode };
  }

  /** A DOM Range over text offsets [start, end), or null. */
  function range(model, start, end) {
    const a = position(model, start);
    const b = position(model, end);
    if (!a || !b) return null;
    const r = document.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  }

  return { isEditable, editorRoot, read, range };
})();
