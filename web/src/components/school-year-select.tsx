import { Select } from 'antd';
import { recentSchoolYears } from '../../../contracts/school-year.ts';

/** A school-year choice: this school year and the four before it (and the current value, if older). */
export function SchoolYearSelect({
  value,
  onChange,
  label = '学年',
  disabled,
}: {
  value: string;
  onChange: (year: string) => void;
  label?: string;
  disabled?: boolean;
}) {
  const years = recentSchoolYears();
  if (!years.includes(value)) years.push(value);
  return (
    <Select
      aria-label={label}
      value={value}
      onChange={onChange}
      disabled={disabled}
      options={years.map((year) => ({ value: year, label: `${year} 学年` }))}
      style={{ minWidth: 150 }}
    />
  );
}
