import { useRouter } from 'next/router';

export default function Continue() {
  const router = useRouter();
  const { next } = router.query;
  return (
    <p>
      Signed in. <a href={next}>Continue</a>
    </p>
  );
}
