chrome.runtime.onMessage.addListener((request, sender, sendResponse) => {
  if (request.action === 'showNote') {
    const panel = document.getElementById('note-panel');
    panel.innerHTML = '<div class="note">' + request.note + '</div>';
    sendResponse({ ok: true });
  }
});
