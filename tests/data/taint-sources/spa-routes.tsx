// React Router and Next.js client hooks.
import React from 'react';
import { useParams, useSearchParams, useLocation } from 'react-router-dom';
import { useRouter } from 'next/router';

export function Post(): JSX.Element {
  const { slug } = useParams();
  // ruleid: test.sources.spa-routes
  return <div dangerouslySetInnerHTML={{ __html: slug ?? '' }} />;
}

export function Search(): JSX.Element {
  const [search] = useSearchParams();
  // ruleid: test.sources.spa-routes
  return <div dangerouslySetInnerHTML={{ __html: search.get('q') ?? '' }} />;
}

export function Anchor(): JSX.Element {
  const location = useLocation();
  // ruleid: test.sources.spa-routes
  return <div dangerouslySetInnerHTML={{ __html: location.hash }} />;
}

export function Rule(): JSX.Element {
  const params = new Map<string, string>();
  // ok: test.sources.spa-routes
  return <div dangerouslySetInnerHTML={{ __html: params.get('q') ?? '<hr/>' }} />;
}

export function Page(): JSX.Element {
  const router = useRouter();
  // ruleid: test.sources.spa-routes
  return <div dangerouslySetInnerHTML={{ __html: String(router.query.q) }} />;
}

export function Intro(props: { intro: string }): JSX.Element {
  // ok: test.sources.spa-routes
  return <div dangerouslySetInnerHTML={{ __html: props.intro }} />;
}
