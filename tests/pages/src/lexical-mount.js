// Mounts a real Lexical editor on an element, as Meta's sites do (plain text
// for chats and comments, rich text for posts), and reads or clears it.
import { $getRoot, COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND, createEditor } from 'lexical';
import { registerPlainText } from '@lexical/plain-text';
import { registerRichText } from '@lexical/rich-text';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';

/**
 * `onEnter(event)`: called on Enter; returning true means the page handled
 * it (sent the message), false lets Lexical insert a new line.
 */
export function mountLexical(editable, { namespace, rich = false, onEnter = null } = {}) {
  editable.contentEditable = 'true';
  editable.setAttribute('role', 'textbox');
  editable.setAttribute('spellcheck', 'true');
  const editor = createEditor({ namespace, onError: e => console.error(e) });
  editor.setRootElement(editable);
  (rich ? registerRichText : registerPlainText)(editor);
  registerHistory(editor, createEmptyHistoryState(), 300);
  if (onEnter) {
    editor.registerCommand(KEY_ENTER_COMMAND, event => {
      if (!onEnter(event)) return false;
      event?.preventDefault();
      return true;
    }, COMMAND_PRIORITY_HIGH);
  }
  return editor;
}

export const textOf = editor => editor.getEditorState().read(() => $getRoot().getTextContent());
export const clear = editor => editor.update(() => $getRoot().clear());

/** Appends a sent message or published post where the tests read it. */
export function record(list, text, className = 'published') {
  const item = document.createElement('div');
  item.className = className;
  item.textContent = text;
  list.append(item);
}

/**
 * A chat composer as Meta's chats have it: Enter sends, Shift+Enter is a
 * new line; a sent message is recorded in `messages` and the editor
 * cleared. Returns the editor and `send`, for the page's send icon.
 */
export function mountChat(editable, messages, namespace) {
  const editor = mountLexical(editable, {
    namespace,
    onEnter: event => {
      if (event && event.shiftKey) return false;
      send();
      return true;
    },
  });
  function send() {
    const text = textOf(editor).trim();
    if (!text) return;
    record(messages, text, 'message-out published');
    clear(editor);
  }
  return { editor, send };
}
