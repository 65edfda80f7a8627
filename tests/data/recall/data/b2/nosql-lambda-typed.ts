import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL!);

export const main = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const filter = JSON.parse(event.body ?? '{}');
  const docs = await client.db('app').collection('orders').find(filter).toArray();
  return { statusCode: 200, body: JSON.stringify(docs) };
};
