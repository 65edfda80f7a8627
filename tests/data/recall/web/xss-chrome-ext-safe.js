chrome.runtime.onMessage.addListener((request, sender, sendResponse) => {
  if (request.action === 'showNote') {
    const panel = document.getElementById('note-panel');
    const div = document.createElement('div');
    div.className = 'note';
    div.textContent = request.note;
    panel.replaceChildren(div);
    sendResponse({ ok: true });
  }
});
