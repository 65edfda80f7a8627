export function Bio({ bio }) {
  return <section dangerouslySetInnerHTML={{ __html: bio }} />;
}
