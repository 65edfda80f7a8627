export function showError(message) {
  $('#error').html('<strong>Error:</strong> ' + message).show();
}
