import { Request, Response } from 'express';
import { AppDataSource } from '../data-source';
import { Product } from '../entity/Product';
export async function create(req: Request, res: Response) {
  const repo = AppDataSource.getRepository(Product);
  const product = repo.create(req.body);
  await repo.save(product);
  res.json(product);
}
