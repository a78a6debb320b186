import { Select } from 'antd';
import { recentSchoolYears } from '../../../contracts/school-year.ts';

/** A school-year filter: this school year and the four before it. */
export function SchoolYearSelect({ value, onChange }: { value: string; onChange: (year: string) => void }) {
  return (
    <Select
      aria-label="学年"
      value={value}
      onChange={onChange}
      options={recentSchoolYears().map((year) => ({ value: year, label: `${year} 学年` }))}
      style={{ minWidth: 150 }}
    />
  );
}
