// A Messenger-like chat with a real Lexical composer, as on messenger.com
// and facebook.com/messages: Enter sends, Shift+Enter is a new line, and the
// send icon is a div labelled "Premi Invio per inviare".
import { clear, mountLexical, record, textOf } from './lexical-mount.js';

const messages = document.getElementById('messages');
const editor = mountLexical(document.getElementById('composer'), {
  namespace: 'messenger',
  onEnter: event => {
    if (event && event.shiftKey) return false;
    sendMessage();
    return true;
  },
});
function sendMessage() {
  const text = textOf(editor).trim();
  if (!text) return;
  record(messages, text, 'message-out published');
  clear(editor);
}
document.querySelector('[aria-label="Premi Invio per inviare"]').addEventListener('click', sendMessage);
