import { Body, Controller, Injectable, Post } from '@nestjs/common';
import { exec } from 'child_process';

@Injectable()
export class ReportService {
  render(template: string) {
    return new Promise((resolve) => exec(`pandoc ${template} -o /tmp/out.pdf`, resolve));
  }
}

@Controller('reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Post()
  create(@Body('template') template: string) {
    return this.reports.render(template);
  }
}
