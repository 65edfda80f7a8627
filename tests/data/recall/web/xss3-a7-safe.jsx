const EMBEDS = { intro: 'https://player.example.com/v/1', demo: 'https://player.example.com/v/2' };
export function Frame() {
  const key = new URLSearchParams(window.location.search).get('embed');
  return <iframe src={EMBEDS.intro} title={key} />;
}
