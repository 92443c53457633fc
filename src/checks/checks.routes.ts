import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as s from './checks.schema.ts';
import { checkDate, checkId, checkName, checkPhone, checkSms } from './checks.service.ts';

/** `POST /api/v1/checks/{id,phone,name,date,sms}`: the same answers as `tttb check …`. */
export const checkRoutes: FastifyPluginAsyncZod = (app) => {
  const tags = ['checks'];
  app.post(
    '/id',
    { config: { access: 'public' }, schema: { tags, summary: 'Kiểm tra số định danh / CMND', body: s.idCheckRequest, response: { 200: s.idCheckResponse } } },
    (req) => {
      const { number, ...opts } = req.body;
      return checkId(app.reference, number, opts);
    },
  );
  app.post(
    '/phone',
    { config: { access: 'public' }, schema: { tags, summary: 'Chuẩn hoá số điện thoại di động', body: s.phoneCheckRequest, response: { 200: s.phoneCheckResponse } } },
    (req) => checkPhone(app.reference, req.body.number),
  );
  app.post(
    '/name',
    { config: { access: 'public' }, schema: { tags, summary: 'So sánh hai họ tên', body: s.nameCheckRequest, response: { 200: s.nameCheckResponse } } },
    (req) => checkName(req.body.a, req.body.b),
  );
  app.post(
    '/date',
    { config: { access: 'public' }, schema: { tags, summary: 'Đọc ngày sinh', body: s.dateCheckRequest, response: { 200: s.dateCheckResponse } } },
    (req) => checkDate(req.body.text),
  );
  app.post(
    '/sms',
    { config: { access: 'public' }, schema: { tags, summary: 'Tính số ký tự và số phần tin nhắn', body: s.smsCheckRequest, response: { 200: s.smsCheckResponse } } },
    (req) => checkSms(req.body.text),
  );
  return Promise.resolve();
};
