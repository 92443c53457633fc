import { AppError } from '../errors.ts';

/** The database already holds subscribers or citizens, and the caller did not ask to replace them. */
export class DemoDataExistsError extends AppError {
  constructor(readonly existing: { subscribers: boolean; citizens: boolean }) {
    super(
      'DEMO_DATA_EXISTS',
      'đã có thuê bao hoặc dữ liệu dân cư; dùng --replace để xoá và sinh lại dữ liệu mẫu',
      existing,
    );
    this.name = 'DemoDataExistsError';
  }
}
