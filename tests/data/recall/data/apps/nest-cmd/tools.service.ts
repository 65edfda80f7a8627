import { Injectable } from '@nestjs/common';
import { exec } from 'child_process';
import { promisify } from 'util';

const run = promisify(exec);

@Injectable()
export class ToolsService {
  async whois(domain: string): Promise<string> {
    const { stdout } = await run(`whois ${domain}`);
    return stdout;
  }
}
