export function showError(message) {
  $('#error').text('Error: ' + message).show();
}
