import type { GetServerSideProps } from 'next';

export const getServerSideProps: GetServerSideProps = async (context) => {
  const id = context.query.id as string;
  return { redirect: { destination: `/orders/${encodeURIComponent(id)}`, permanent: false } };
};

export default function Page() {
  return null;
}
