import axios from 'axios';
import { Body, Controller, Post } from '@nestjs/common';

class HookDto { target!: string; payload!: unknown; }

@Controller('hooks')
export class HooksController {
  @Post('test')
  async test(@Body() dto: HookDto) {
    const r = await axios({ method: 'post', url: dto.target, data: dto.payload });
    return { status: r.status };
  }
}
