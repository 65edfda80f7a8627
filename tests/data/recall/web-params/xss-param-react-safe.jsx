export function Bio({ bio }) {
  return <section>{bio}</section>;
}
