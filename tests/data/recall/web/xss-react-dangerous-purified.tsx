import React from 'react';
import DOMPurify from 'dompurify';
import { useSearchParams } from 'react-router-dom';

export default function Notice(): JSX.Element {
  const [searchParams] = useSearchParams();
  const message: string = searchParams.get('message') ?? '';
  const clean = DOMPurify.sanitize(message);
  return <div className="notice" dangerouslySetInnerHTML={{ __html: clean }} />;
}
