// A Messenger-like chat with a real Lexical composer, as on messenger.com
// and facebook.com/messages: Enter sends, Shift+Enter is a new line, and the
// send icon is a div labelled "Premi Invio per inviare".
import { mountChat } from './lexical-mount.js';

const messages = document.getElementById('messages');
const { send: sendMessage } = mountChat(document.getElementById('composer'), messages, 'messenger');
document.querySelector('[aria-label="Premi Invio per inviare"]').addEventListener('click', sendMessage);
