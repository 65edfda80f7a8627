window.addEventListener('message', ({ data }) => {
  setTimeout(`handle_${data.name}()`, 0);
});
