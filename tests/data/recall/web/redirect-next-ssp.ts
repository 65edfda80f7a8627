import type { GetServerSideProps } from 'next';

export const getServerSideProps: GetServerSideProps = async (context) => {
  const dest = context.query.dest as string;
  return { redirect: { destination: dest, permanent: false } };
};

export default function Page() {
  return null;
}
