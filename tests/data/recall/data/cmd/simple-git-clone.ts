import simpleGit from 'simple-git';
import { Request, Response } from 'express';

const git = simpleGit();

export const importRepo = async (req: Request, res: Response) => {
  const { repoUrl } = req.body;
  await git.clone(repoUrl, '/srv/repos/import');
  res.sendStatus(204);
};
