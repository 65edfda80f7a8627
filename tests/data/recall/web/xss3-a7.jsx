export function Frame() {
  const src = new URLSearchParams(window.location.search).get('embed');
  return <iframe src={src} title="embed" />;
}
