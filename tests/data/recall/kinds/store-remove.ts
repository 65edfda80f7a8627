export function logout(): void {
  localStorage.removeItem('password');
  window.localStorage.setItem('lastUser', 'anonymous');
}
