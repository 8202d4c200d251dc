// A WhatsApp Web-like page with a real Lexical chat composer (WhatsApp's
// editor since 2023): Enter sends, Shift+Enter is a new line, and the send
// icon appears once there is text. Opening a chat builds the composer,
// closing it removes it, as the site does.
import { mountChat } from './lexical-mount.js';

const app = document.getElementById('app');
let chat = null;

function openChat(name) {
  closeChat();
  const main = document.createElement('div');
  main.id = 'main';
  main.innerHTML = `
    <header><span title="${name}">${name}</span>
      <button type="button" class="close" aria-label="Chiudi chat">×</button></header>
    <div class="messages" role="application" aria-label="Elenco messaggi"></div>
    <footer>
      <div class="compose"><div class="input" aria-label="Scrivi un messaggio" aria-placeholder="Scrivi un messaggio" data-tab="10"></div></div>
      <button type="button" class="ptt" aria-label="Messaggio vocale"><span data-icon="ptt"></span></button>
      <button type="button" class="send" aria-label="Invia" hidden><span data-icon="send"></span></button>
    </footer>`;
  app.append(main);
  const messages = main.querySelector('.messages');
  const send = main.querySelector('.send');
  const { editor, send: sendMessage } = mountChat(main.querySelector('.input'), messages, 'whatsapp');
  const unregister = editor.registerTextContentListener(text => {
    send.hidden = !text.trim();
    main.querySelector('.ptt').hidden = Boolean(text.trim());
  });
  send.addEventListener('click', sendMessage);
  main.querySelector('.close').addEventListener('click', closeChat);
  chat = { main, editor, unregister };
  main.querySelector('.input').focus();
}

function closeChat() {
  if (!chat) return;
  chat.unregister();
  chat.editor.setRootElement(null);
  chat.main.remove();
  chat = null;
}

for (const button of document.querySelectorAll('#pane-side [role="listitem"] button')) {
  button.addEventListener('click', () => openChat(button.dataset.name));
}
window.closeChat = closeChat;
