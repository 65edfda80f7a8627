import ReactMarkdown from 'react-markdown';
import { useLocation } from 'react-router-dom';

export function Preview() {
  const location = useLocation();
  const text = new URLSearchParams(location.search).get('md') || '';
  return <ReactMarkdown>{text}</ReactMarkdown>;
}
