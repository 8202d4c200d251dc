// The offscreen document (Chromium): holds the OCR worker for the service
// worker, which cannot start one, and passes pictures to it.

import { Reader } from './host.js';

const reader = new Reader();

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (!message || message.type !== 'ocr-offscreen') return false;
  reader.read(Number(message.width), Number(message.height), String(message.luma)).then(
    words => sendResponse({ words }),
    error => sendResponse({ error: String(error && error.message || error) }),
  );
  return true;
});
