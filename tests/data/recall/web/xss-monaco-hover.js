import * as monaco from 'monaco-editor';

export function showNote(editor) {
  window.addEventListener('message', (e) => {
    const note = e.data.note;
    editor.deltaDecorations([], [{
      range: new monaco.Range(1, 1, 1, 1),
      options: { hoverMessage: { value: note, isTrusted: true, supportHtml: true } },
    }]);
  });
}
