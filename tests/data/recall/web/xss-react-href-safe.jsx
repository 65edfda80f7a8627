import { useRouter } from 'next/router';

export default function ProfileLink() {
  const router = useRouter();
  const { id } = router.query;
  return <a href={`/profile/${encodeURIComponent(id)}`}>Open profile</a>;
}
