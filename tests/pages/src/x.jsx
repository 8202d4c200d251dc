// An X-like compose page with a real Draft.js editor (X's editor family).
import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor, EditorState } from 'draft-js';

function Composer({ testid, placeholder, label }) {
  const [state, setState] = useState(() => EditorState.createEmpty());
  return (
    <div className="composer" data-testid={testid}>
      <div className="DraftEditor-wrap">
        <Editor
          editorState={state}
          onChange={setState}
          placeholder={placeholder}
          ariaLabel={label}
          ariaMultiline
          spellCheck
          role="textbox"
        />
      </div>
      <div className="toolbar">
        <button type="button" data-testid="tweetButtonInline" className="post">Posta</button>
      </div>
    </div>
  );
}

function App() {
  const [replies, setReplies] = useState(0);
  return (
    <main>
      <h1 className="sr">Home</h1>
      <Composer testid="tweetTextarea_0" placeholder="Cosa sta succedendo?" label="Testo del post" />
      <button type="button" id="add-reply" onClick={() => setReplies(n => n + 1)}>Rispondi</button>
      {Array.from({ length: replies }, (_, i) => (
        <Composer key={i} testid={`reply_${i}`} placeholder="Posta la tua risposta" label="Testo della risposta" />
      ))}
    </main>
  );
}

createRoot(document.getElementById('root')).render(<App />);
