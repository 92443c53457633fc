/**
 * Vietnamese name parts with relative frequencies. Surname shares follow the commonly cited
 * national figures (Nguyễn ≈ 38%, Trần ≈ 11%, Lê ≈ 9.5%, Phạm ≈ 7%, Huỳnh/Hoàng ≈ 5%, Phan ≈ 4.5%,
 * Võ/Vũ ≈ 3.9%, Đặng ≈ 2.1%, Bùi ≈ 2%, Đỗ ≈ 1.4%, Hồ ≈ 1.3%, Ngô ≈ 1.3%, Dương ≈ 1%, Lý ≈ 0.5% —
 * likely), split towards the southern spellings Huỳnh and Võ; the rest, and all middle and given
 * name weights, are assumed. Given names are written in the new tone-mark style (`Hòa`, `Thủy`);
 * the generator derives the old style (`Hoà`, `Thuỷ`) itself.
 */
import type { Sex } from '../domain/index.ts';

type Pool = readonly (readonly [string, number])[];

export const KINH_SURNAMES: Pool = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Huỳnh', 4], ['Hoàng', 1.1], ['Phan', 4.5],
  ['Võ', 3.2], ['Vũ', 0.7], ['Trương', 1.6], ['Bùi', 2], ['Đặng', 2.1], ['Đỗ', 1.4], ['Ngô', 1.3], ['Hồ', 1.3],
  ['Dương', 1], ['Lý', 0.5], ['Đoàn', 0.8], ['Lâm', 0.6], ['Mai', 0.5], ['Tô', 0.4], ['Châu', 0.5], ['Cao', 0.4],
  ['Thái', 0.3], ['Lương', 0.5], ['Đinh', 0.6], ['Trịnh', 0.4], ['La', 0.2], ['Quách', 0.2], ['Tạ', 0.2],
  ['Lưu', 0.3], ['Kiều', 0.1], ['Văn', 0.2], ['Diệp', 0.1],
];

export const MIDDLE_NAMES: Readonly<Record<Sex, Pool>> = {
  male: [
    ['Văn', 40], ['Minh', 8], ['Hoàng', 5], ['Quốc', 5], ['Thanh', 6], ['Đức', 4], ['Hữu', 5], ['Công', 3],
    ['Tấn', 4], ['Thành', 3], ['Trọng', 2], ['Gia', 3], ['Anh', 2], ['Ngọc', 3], ['Phước', 2], ['Chí', 2],
    ['Hoài', 1], ['Nhật', 1.5], ['Duy', 2],
  ],
  female: [
    ['Thị', 45], ['Ngọc', 9], ['Thanh', 5], ['Thu', 4], ['Kim', 5], ['Mỹ', 4], ['Bích', 3], ['Hồng', 3],
    ['Phương', 3], ['Diễm', 2], ['Minh', 2], ['Hoài', 2], ['Tuyết', 1.5], ['Huỳnh', 1], ['Cẩm', 2], ['Yến', 1.5],
  ],
};

export const GIVEN_NAMES: Readonly<Record<Sex, Pool>> = {
  male: [
    ['An', 3], ['Bình', 3], ['Cường', 3], ['Dũng', 4], ['Hải', 3], ['Hùng', 4], ['Huy', 4], ['Khang', 3],
    ['Khoa', 3], ['Long', 4], ['Minh', 4], ['Nam', 4], ['Phong', 3], ['Phúc', 3], ['Quang', 2], ['Sang', 3],
    ['Tài', 3], ['Thắng', 2], ['Thành', 3], ['Tiến', 2], ['Toàn', 2], ['Trí', 2], ['Trung', 3], ['Tuấn', 4],
    ['Vinh', 3], ['Hòa', 2], ['Lợi', 2], ['Lộc', 2], ['Phát', 3], ['Tâm', 2], ['Tùng', 2], ['Nhân', 2],
    ['Hiếu', 2], ['Đạt', 3], ['Thủy', 0.5], ['Khỏe', 0.3], ['Thuận', 2], ['Nghĩa', 2], ['Bảo', 2], ['Duy', 2],
    ['Út', 1], ['Em', 1], ['Quý', 1.5], ['Hậu', 1.5], ['Tú', 1.5], ['Kiệt', 1.5], ['Thọ', 1], ['Tỷ', 0.5],
  ],
  female: [
    ['Anh', 3], ['Châu', 2], ['Diễm', 2], ['Dung', 2], ['Giang', 2], ['Hà', 2], ['Hạnh', 2], ['Hằng', 3],
    ['Hoa', 3], ['Hương', 3], ['Lan', 3], ['Linh', 4], ['Loan', 2], ['Mai', 3], ['My', 3], ['Ngân', 3],
    ['Nhi', 3], ['Nhung', 2], ['Oanh', 2], ['Phượng', 2], ['Quyên', 2], ['Thảo', 4], ['Thu', 2], ['Thủy', 3],
    ['Trang', 4], ['Trinh', 2], ['Tuyết', 2], ['Uyên', 2], ['Vân', 2], ['Yến', 3], ['Hòa', 1.5], ['Xuân', 2],
    ['Ngọc', 2], ['Thúy', 2], ['Lụa', 1], ['Lài', 1], ['Nga', 2], ['Bé', 1], ['Út', 1], ['Tiên', 2], ['Hồng', 2],
    ['Khuê', 0.5], ['Huệ', 1.5],
  ],
};

/**
 * Khmer names (assumed pools): men `Chau …` (old An Giang) or `Danh …`/`Thạch …` (old Kiên Giang),
 * women `Néang`/`Neáng …` or `Thị …`, usually without a middle name; given names of one or two
 * syllables.
 */
export const KHMER_LEADS: Readonly<Record<Sex, Pool>> = {
  male: [['Chau', 60], ['Danh', 25], ['Thạch', 10], ['Sơn', 5]],
  female: [['Néang', 40], ['Neáng', 20], ['Thị', 25], ['Thạch Thị', 10], ['Kim Thị', 5]],
};

export const KHMER_GIVEN: Readonly<Record<Sex, Pool>> = {
  male: [
    ['Sóc', 3], ['Sươl', 2], ['Thanh', 2], ['Rô', 1], ['Phát', 1], ['Kha', 2], ['Sóc Kha', 2], ['Ty', 1],
    ['Sa Rươn', 1], ['Sên', 1], ['Hên', 1], ['Pha', 1], ['Ni', 1], ['Đa Ra', 1], ['Sóc Khol', 1], ['Út', 1],
    ['Sa Ry', 1], ['Thi', 1], ['Ponl', 1], ['Chanh', 1],
  ],
  female: [
    ['Sa Ry', 2], ['Sóc Thia', 1], ['Phươl', 1], ['Sô Phi', 1], ['Chanh Đa', 1], ['Mích', 1], ['Sa Vên', 1],
    ['Thi', 1], ['Sóc Phia', 1], ['Mây', 1], ['Sa Rên', 1], ['Pha Ly', 1], ['Kim Hoa', 1], ['Ni', 1],
  ],
};

/** Chinese-origin (Hoa) names: their own surnames and a pool of given syllables (assumed). */
export const HOA_SURNAMES: Pool = [
  ['Lâm', 5], ['Lý', 5], ['Trần', 4], ['Quách', 3], ['Mã', 2], ['Tăng', 2], ['Hứa', 2], ['Châu', 2], ['Lưu', 2],
  ['Diệp', 1], ['Thái', 1], ['Hồng', 1], ['Trịnh', 1], ['Huỳnh', 2], ['Ông', 1], ['Tạ', 1],
];

export const HOA_GIVEN_SYLLABLES: Readonly<Record<Sex, readonly string[]>> = {
  male: ['Gia', 'Huy', 'Khang', 'Phát', 'Tài', 'Xương', 'Thuận', 'Lợi', 'Cường', 'Chí', 'Vĩnh', 'Quang', 'Thoại', 'Tường', 'Hùng', 'Sáng', 'Hỷ', 'Kiệt'],
  female: ['Huê', 'Phân', 'Cầm', 'Tú', 'Kim', 'Quế', 'Huệ', 'Mỹ', 'Hương', 'Kiều', 'Liên', 'Lệ', 'Ngọc', 'Anh', 'Thoa', 'Hoa', 'Thủy'],
};
