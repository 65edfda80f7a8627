window.parent.postMessage({ type: 'resize', height: document.body.scrollHeight, session: getSession() }, '*');
