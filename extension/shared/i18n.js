// Fills every element carrying data-i18n (text) or data-i18n-attr
// ("attr:key") with the extension's localised strings, so the HTML holds
// keys, never Italian or English text.
'use strict';

const riserboI18n = {
  /**
   * @param {string} key
   * @param {...(string | number)} subs
   */
  t(key, ...subs) {
    return chrome.i18n.getMessage(key, subs.map(String)) || key;
  },
  /** @param {ParentNode} root */
  apply(root = document) {
    document.documentElement.lang = chrome.i18n.getUILanguage().startsWith('en') ? 'en' : 'it';
    for (const el of root.querySelectorAll('[data-i18n]')) {
      el.textContent = this.t(/** @type {HTMLElement} */ (el).dataset.i18n);
    }
    for (const el of root.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of /** @type {HTMLElement} */ (el).dataset.i18nAttr.split(',')) {
        const [attr, key] = pair.split(':');
        el.setAttribute(attr, this.t(key));
      }
    }
  },
};
riserbo.i18n = riserboI18n;
