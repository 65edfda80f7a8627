// TypeScript (TSX) tests for xss.yaml.
export function Preview(props: { html: string }): JSX.Element {
  // ruleid: js.xss.dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: props.html as string }} />;
}
export function Fixed(): JSX.Element {
  // ok: js.xss.dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: '<br/>' }} />;
}
