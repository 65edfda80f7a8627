import React from 'react';
import { useSearchParams } from 'react-router-dom';

export default function Notice() {
  const [searchParams] = useSearchParams();
  const message = searchParams.get('message');
  return <div className="notice" dangerouslySetInnerHTML={{ __html: message }} />;
}
