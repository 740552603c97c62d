
-- =====================================================================
-- 0.2.0 — what every column of a reporting model means: Chinese name, unit,
-- description, written once per column name (a relation may override it)
-- and put on the model's tables and views with COMMENT ON COLUMN by
-- energy.model_document.  BI tools show these comments; the README's list
-- of views and columns says the same.  Roll-up columns derived from an
-- indicator (<x>_institutions, <x>_coverage, <x>_change,
-- <x>_change_institutions) are documented from <x>.
-- =====================================================================

CREATE TABLE energy.model_column_doc (
    relation    text NOT NULL,   -- a table or view of the model, or '*' for any
    column_name text NOT NULL,
    name_zh     text NOT NULL,
    unit        text NOT NULL,
    description text NOT NULL,
    PRIMARY KEY (relation, column_name)
);
COMMENT ON TABLE energy.model_column_doc IS
    'Documentation of the columns of reporting models (Chinese name, unit, description), by relation or for any relation (''*''); energy.model_document turns it into COMMENT ON COLUMN.';
COMMENT ON COLUMN energy.model_column_doc.relation IS 'Table or view of a model, or * for a column that means the same everywhere.';
COMMENT ON COLUMN energy.model_column_doc.column_name IS 'Column name.';
COMMENT ON COLUMN energy.model_column_doc.name_zh IS 'Chinese name (as in the statistics forms where they have one).';
COMMENT ON COLUMN energy.model_column_doc.unit IS 'Unit, or the kind of value for columns without one.';
COMMENT ON COLUMN energy.model_column_doc.description IS 'What the column holds and how it is computed.';

INSERT INTO energy.model_column_doc (relation, column_name, name_zh, unit, description) VALUES
    -- who
    ('*', 'institution_id', '机构代码', '文本', 'The institution''s identifier: its 18-character unified social credit code (统一社会信用代码, GB 32100-2015) where known, else an identifier of your own.'),
    ('*', 'name', '机构名称', '文本', 'Name of the institution.'),
    ('*', 'region_code', '行政区划代码', 'GB/T 2260 六位代码', 'Administrative division: county, or city or province when that is all that is known (energy.admin_division).'),
    ('*', 'region_name', '行政区划名称', '文本', 'Name of the division (energy.admin_division).'),
    ('*', 'province_code', '省级行政区划代码', 'GB/T 2260 六位代码', 'The province of the institution: the first two digits of region_code and 0000.'),
    ('*', 'city_code', '地市级行政区划代码', 'GB/T 2260 六位代码', 'The prefecture-level city: the first four digits of region_code and 00; NULL when only the province is known.'),
    ('*', 'county_code', '县级行政区划代码', 'GB/T 2260 六位代码', 'The county: region_code when it is county-level; NULL otherwise.'),
    ('*', 'category', '机构类别', '类别代码', 'Category of the statistics system: 01 机关, 021 教育, 022 科技, 023 文化, 024 卫生, 025 体育, 026 其他事业单位, 03 社会团体 (02 事业单位 = 021–026 in roll-ups).'),
    ('*', 'category_name', '机构类别名称', '文本', 'Name of the category.'),
    ('*', 'department', '主管部门', '文本', 'The department the institution reports to; NULL when not recorded.'),
    ('*', 'credit_code_valid', '统一社会信用代码有效', '是/否', 'True when institution_id is a well-formed unified social credit code (GB 32100-2015 check character); data_quality says what is wrong otherwise.'),
    ('institution', 'address', '地址', '文本', 'Address.'),
    ('institution', 'longitude', '经度', '度', 'Longitude of the institution in the coordinate system coord_system.'),
    ('institution', 'latitude', '纬度', '度', 'Latitude of the institution in the coordinate system coord_system.'),
    ('institution', 'coord_system', '坐标系', 'wgs84 / gcj02 / bd09', 'Coordinate system of longitude and latitude: wgs84 (GPS, PostGIS SRID 4326), gcj02 (Amap, Tencent) or bd09 (Baidu).'),
    ('institution', 'quota_class', '定额分类', '文本', 'The class of the quota standards the institution is rated in (二级医院, 高等学校, 省级以上机关...), as energy.quota_value names it; NULL: rated by category alone.'),
    ('*', 'quota_class', '定额分类', '文本', 'The institution''s class in the quota standards.'),
    ('quota_rating', 'standard', '定额标准', '文本', 'The standard (energy.quota_standard).'),
    ('quota_rating', 'standard_kind', '标准类型', '文本', 'official, peer_average (a province''s published averages: the baseline is the average) or example (test data).'),
    ('quota_rating', 'indicator', '定额指标', '指标代码', 'kgce_per_m2, kgce_per_person, kwh_per_m2 or water_m3_per_person.'),
    ('quota_rating', 'unit', '计量单位', '单位', 'Unit of the value and the levels, per year: kgce/m², kgce/人, kWh/m² or m³/人.'),
    ('quota_rating', 'energy_scope', '能耗范围', '文本', 'total, or non_heating (without end use heating).'),
    ('quota_rating', 'electricity_basis', '电力折标系数', 'kgce/kWh', 'The kgce per kWh the standard converts electricity (grid, green, PV) at.'),
    ('quota_rating', 'value', '指标值', '见 indicator', 'The institution''s indicator on the row''s scope and basis.'),
    ('quota_rating', 'constraint_value', '约束值', '见 indicator', 'The upper limit; NULL when the standard gives none.'),
    ('quota_rating', 'baseline_value', '基准值', '见 indicator', 'The baseline (for a peer average, the average).'),
    ('quota_rating', 'guide_value', '引导值', '见 indicator', 'The advanced level.'),
    ('quota_rating', 'rating', '评价', '文本', 'above constraint, between constraint and baseline, between baseline and guide, better than guide (or above / at or below the levels the standard gives); insufficient data when the indicator is unknown.'),
    ('quota_rating', 'gap_to_constraint', '与约束值之差', '见 indicator', 'value − constraint (the value to 9 decimals): above it when positive; NULL for a year that is not whole.'),
    ('quota_rating', 'gap_to_baseline', '与基准值之差', '见 indicator', 'value − baseline (the value to 9 decimals); NULL for a year that is not whole.'),
    ('quota_rating', 'row_region_code', '定额适用地区代码', '行政区划代码', 'The region of the quota row applied (a city or province code); NULL: the whole province of the standard.'),
    ('quota_rating', 'row_category', '定额适用机构类别', '类别代码', 'The category of the quota row applied (the institution''s own or the one above it); NULL: any.'),
    ('quota_rating', 'row_quota_class', '定额适用分类', '文本', 'The class of the quota row applied (the institution''s quota_class); NULL: by category alone. Of a standard''s rows that fit an institution, the one with its class wins, then the one with its own category, then the one with the smaller region.'),
    ('quota_rating', 'gap_to_guide', '与引导值之差', '见 indicator', 'value − guide (the value to 9 decimals): still to cut to reach it when positive; NULL for a year that is not whole.'),
    ('quota_rating', 'months', '有记录月份数', '月', 'Months of the year with records of the indicator''s figure (energy, electricity or water); a year that is not whole (whole_year) is rated insufficient data.'),
    ('whole_year', 'energy_months', '能源有记录月份数', '月', 'Months of the year with records of some energy carrier (additive end uses).'),
    ('whole_year', 'water_months', '用水有记录月份数', '月', 'Months of the year with water records.'),
    ('whole_year', 'electricity_months', '用电有记录月份数', '月', 'Months of the year with records of electricity (grid, green or PV).'),
    ('whole_year', 'energy_whole', '能源全年数据', '是/否', 'Twelve months of energy, and no energy carrier that had all twelve months the year before has fewer (one that stopped altogether, a change of fuel, does not count against it).'),
    ('whole_year', 'water_whole', '用水全年数据', '是/否', 'Twelve months of water records.'),
    ('whole_year', 'electricity_whole', '用电全年数据', '是/否', 'Twelve months of electricity, and no electricity carrier that had all twelve months the year before has fewer.'),
    ('*', 'note', '备注', '文本', 'Free text.'),
    ('*', 'source', '数据来源', '文本', 'Where the row comes from (form, bill, file).'),
    -- when
    ('*', 'year', '统计年度', '年', 'Calendar year.'),
    ('*', 'month', '月份', '日期（当月1日）', 'Calendar month, as its first day.'),
    -- profile
    ('*', 'building_area_m2', '建筑面积', 'm²', 'Building area: office-use area, excluding housing and dormitories; NULL when unknown. In roll-ups: the sum over the institutions that have one.'),
    ('*', 'people', '用能人数', '人', 'People served: staff including non-establishment and support staff, plus day-averaged students, patients or visitors; NULL when unknown. In roll-ups: the sum over the institutions that have it.'),
    ('*', 'heated_area_m2', '供暖面积', 'm²', 'Heated area; NULL when unknown.'),
    ('profile', 'land_area_m2', '占地面积', 'm²', 'Land area; NULL when unknown.'),
    ('profile', 'vehicles', '公务用车数', '辆', 'Vehicles owned at the end of the year.'),
    ('profile', 'nev', '新能源汽车数', '辆', 'New-energy vehicles among them.'),
    ('*', 'vehicles_added', '新增及更新车辆数', '辆', 'Vehicles added or replaced in the year; NULL when unknown.'),
    ('*', 'nev_added', '新增及更新新能源汽车数', '辆', 'New-energy vehicles among the vehicles added or replaced; NULL when unknown.'),
    ('profile', 'pv_capacity_kw', '光伏装机容量', 'kW', 'Installed rooftop PV capacity.'),
    ('profile', 'datacentre_rooms', '数据中心机房数', '个', 'Data-centre rooms.'),
    -- consumption, meters
    ('*', 'consumption_id', '消费记录编号', '编号', 'Number of the consumption row (given on insert).'),
    ('consumption', 'period', '统计期间', '日期区间（半开）', 'The days the row covers, a half-open daterange: daterange(start, end) for [start, end), daterange(start, end, ''[]'') for a bill printed with an inclusive end date; a yearly form row is the whole year.'),
    ('*', 'carrier', '能源资源品种', '品种代码', 'What was consumed (energy.carrier: electricity, water, natural_gas, heat, diesel, pv, ...).'),
    ('*', 'amount', '消费量', '见 unit', 'Amount as recorded, in unit.'),
    ('*', 'unit', '计量单位', '单位', 'Unit of the amount (any spelling of energy.units that fits the carrier); NULL for the carrier''s base unit.'),
    ('*', 'end_use', '用途', '用途代码', 'End use (energy.end_use): building (default), heating, vehicle, pv_generation, other add to the totals; datacentre_total, datacentre_it and submeter are parts already counted (其中项).'),
    ('*', 'account', '户号/表号', '文本', 'Account or meter number of a bill: the bills of one account form a chain for calendarisation.'),
    ('*', 'estimated', '是否估算', '是/否', 'True when the amount is an estimate rather than a reading.'),
    ('*', 'meter_id', '计量表编号', '文本', 'Identifier of the meter.'),
    ('consumption_part', 'consumption_id', '消费记录编号', '编号', 'The consumption row the part comes from.'),
    ('meter', 'unit', '计量单位', '单位', 'Unit of the register after the multiplier (any spelling that fits the carrier); NULL for the carrier''s base unit.'),
    ('meter', 'multiplier', '倍率', '倍', 'Multiplier (CT × PT ratio) from register units to consumption; a changed multiplier is a new meter.'),
    ('meter', 'modulus', '翻转值', '表码', 'Value at which the register wraps to zero (100000 for 00000.0–99999.9); NULL for none.'),
    ('meter', 'on_decrease', '读数下降规则', 'flag / restart', 'What a drop of the register means (not a rollover at the modulus): flag (the default) — a drop to at most 10 % of the reading before is a reset, a smaller one reverse running; that interval is not counted and data_quality reports it; restart — the register is a counter that restarted from zero (data loggers, pulse counters), and what it shows after the drop is counted as consumption.'),
    ('meter', 'location', '安装位置', '文本', 'Where the meter is.'),
    ('reading', 'ts', '抄表时间', '时间（带时区）', 'When the register was read.'),
    ('reading', 'reading', '表码读数', '表码', 'Register value as read; NULL when it was not read.'),
    ('reading', 'event', '换表事件', 'read / old_final / new_initial', 'NULL or read for a reading; for a meter replacement old_final (the old meter''s last reading) and new_initial (the new one''s first), at the same time.'),
    ('consumption_period', 'period_start', '计算期间起', '日期（含）', 'First day the row is calendarised over.'),
    ('consumption_period', 'period_end', '计算期间止', '日期（不含）', 'Day after the last day the row is calendarised over: the end of its period, one day earlier when the next bill of its chain starts on its last day.'),
    ('consumption_part', 'day', '分期起始日', '日期', 'First day of the part: the first day of the row in its month; the date whose factors convert it.'),
    ('consumption_part', 'amount', '分期消费量', '见 unit', 'The part of the row''s amount in the month (energy.prorate''s 9-decimal share by days, the rest on the last month), in the row''s unit.'),
    ('meter_month', 'institution_id', '机构代码', '文本', 'The meter''s institution (meter.institution_id), copied: an institution''s meter months are read through one index. A meter moved to another institution has all its months rewritten.'),
    ('meter_month', 'carrier', '能源资源品种', '品种代码', 'The meter''s carrier (meter.carrier), copied.'),
    ('meter_month', 'end_use', '用途', '用途代码', 'The meter''s end use (meter.end_use), copied.'),
    ('meter_month', 'unit', '计量单位', '单位', 'The meter''s unit (meter.unit), copied; NULL for the carrier''s base unit.'),
    ('meter_month', 'sum_hi', '补偿和高位', '见 meter.unit', 'The month''s compensated sum, high part: sum_hi + sum_lo is consumption; kept so that readings appended later continue the sum to the last bit.'),
    ('meter_month', 'sum_lo', '补偿和低位', '见 meter.unit', 'The month''s compensated sum, low part (what sum_hi misses).'),
    ('meter_month', 'last_ts', '月末区间止点读数时间', '时间（带时区）', 'Time of the reading that ends the month''s last interval (in the meter''s last month, its last reading): where readings appended later continue from.'),
    ('meter_month', 'last_reading', '月末区间止点读数', '表码', 'That reading''s register value.'),
    ('meter_month', 'last_event', '月末区间止点事件', 'read / old_final / new_initial', 'That reading''s event.'),
    ('meter_month', 'consumption', '月度消费量', '见 meter.unit', 'The meter''s consumption in the month of the model''s time zone, × multiplier, in the meter''s unit: intervals between readings shared among months by time (energy.meter_buckets), rollovers counted, resets and reverse running not.'),
    ('year_ledger', 'ledger', '年度台账', 'energy.ledger', 'The year''s monthly ledgers of the institution and end use (all carriers) rolled up into one (energy.rollup).'),
    ('month_ledger', 'ledger', '月度台账', 'energy.ledger', 'The month''s rows of the institution, end use and carrier as one ledger (energy.kgce, energy.kgco2, energy.amount read it; energy.rollup adds ledgers up).'),
    ('monthly', 'carrier', '能源资源品种', '品种代码', 'The carrier, as text.'),
    ('monthly', 'carrier_name', '能源资源品种名称', '文本', 'Chinese name of the carrier.'),
    ('monthly', 'unit', '计量单位', '单位', 'The carrier''s base unit (kWh, m³, kg, MJ or kgce), the unit of amount.'),
    ('monthly', 'amount', '消费量', '见 unit', 'Amount in the month, in the carrier''s base unit: bills shared among months by days, meters by time.'),
    ('monthly', 'records', '记录数', '条', 'Consumption rows and meters behind the figure (a bill over two months counts in both).'),
    ('monthly', 'notes', '说明', '文本', 'What could not be converted (carriers and rows without a coefficient or CO2 factor); NULL when all was.'),
    -- figures
    ('*', 'kgce', '综合能耗（当量值）', 'kgce', 'Comprehensive energy consumption: Σ amount × GB/T 2589 standard-coal coefficient, electricity at 0.1229 kgce/kWh (当量值), water excluded; each row with the coefficient in force on its date. NULL when there is no energy row or a coefficient is missing. In roll-ups: the sum over the institutions that have it.'),
    ('*', 'tce', '综合能耗（当量值）', 'tce', 'kgce / 1000.'),
    ('*', 'kgce_primary', '综合能耗（等价值）', 'kgce', 'Comprehensive energy with electricity (grid, green and PV) at the power-supply coal rate in force on 1 January of the year (等价值), where one is loaded into energy.coal_factor (basis primary); NULL otherwise.'),
    ('*', 'kgco2', '二氧化碳排放量（基于位置）', 'kgCO2', 'CO2, location-based: fuels by NCV × CC × OF × 44/12, heat at 110 kgCO2/GJ, electricity by the grid factor of its data year and the institution''s province (NDRC 2015 public-building guideline). NULL when a factor is missing.'),
    ('*', 'kgco2_market', '二氧化碳排放量（基于市场）', 'kgCO2', 'CO2, market-based: as kgco2, with purchased green electricity at zero.'),
    ('*', 'kgco2_scope1', '直接排放（范围一）', 'kgCO2', 'CO2 of fuels burnt on site, vehicles included.'),
    ('*', 'kgco2_scope2', '间接排放（范围二，基于位置）', 'kgCO2', 'CO2 of purchased electricity and heat, location-based.'),
    ('*', 'water_m3', '用水量', 'm³', 'Water (tap and own wells). NULL when no water row is recorded.'),
    ('*', 'electricity_kwh', '用电量', 'kWh', 'Electricity used: grid, green and on-site PV. NULL when no electricity row is recorded.'),
    ('*', 'pv_kwh', '光伏发电量', 'kWh', 'On-site PV generation used (太阳能光电系统发电量).'),
    ('*', 'datacentre_kwh', '数据中心机房总电耗', 'kWh', 'All electricity of the data-centre rooms (其中项, already in electricity_kwh); NULL without such rows.'),
    ('*', 'datacentre_it_kwh', '数据中心IT设备电耗', 'kWh', 'Electricity of the rooms'' IT equipment (其中项).'),
    ('*', 'electricity_kgce', '电力折标准煤', 'kgce', 'Standard coal of purchased electricity, green electricity included.'),
    ('*', 'coal_kgce', '煤品折标准煤', 'kgce', 'Standard coal of coal and coal products (coke, coke-oven, blast-furnace and manufactured gas).'),
    ('*', 'oil_kgce', '油品折标准煤', 'kgce', 'Standard coal of oil products (gasoline, diesel, kerosene, fuel oil, LPG, refinery gas).'),
    ('*', 'gas_kgce', '天然气折标准煤', 'kgce', 'Standard coal of natural gas.'),
    ('*', 'heat_kgce', '热力折标准煤', 'kgce', 'Standard coal of purchased heat and steam.'),
    ('*', 'renewable_kgce', '可再生能源折标准煤', 'kgce', 'Standard coal of on-site renewables (PV).'),
    ('*', 'other_kgce', '其他能源折标准煤', 'kgce', 'Other energy, recorded in standard coal (其他能源).'),
    -- indicators
    ('*', 'kgce_per_m2', '单位建筑面积能耗', 'kgce/m²', 'kgce / building_area_m2; in roll-ups Σ kgce / Σ building area over the institutions that have both. NULL when the area is unknown.'),
    ('*', 'kgce_per_person', '人均综合能耗', 'kgce/人', 'kgce / people; in roll-ups Σ kgce / Σ people over the institutions that have both. NULL when the people are unknown (or standard coal is: a factor missing).'),
    ('*', 'water_m3_per_person', '人均用水量', 'm³/人', 'water_m3 / people; in roll-ups Σ water / Σ people over the institutions that have both. NULL when the people or the water are unknown.'),
    ('*', 'kgco2_per_m2', '单位建筑面积碳排放（基于位置）', 'kgCO2/m²', 'kgco2 / building_area_m2; in roll-ups Σ / Σ over the institutions that have both. NULL when the area is unknown (or CO2 is: a factor missing).'),
    ('*', 'kgco2_market_per_m2', '单位建筑面积碳排放（基于市场）', 'kgCO2/m²', 'kgco2_market / building_area_m2; in roll-ups Σ / Σ. NULL when the area or the CO2 is unknown.'),
    ('*', 'kwh_per_m2', '单位建筑面积电耗', 'kWh/m²', 'electricity_kwh / building_area_m2; in roll-ups Σ / Σ. NULL when the area is unknown or no electricity is recorded.'),
    ('*', 'pue', '数据中心电能利用效率', '比值', 'PUE: data-centre total electricity / IT electricity; in roll-ups Σ / Σ. NULL without data-centre rows (datacentre_total and datacentre_it) in the year.'),
    ('*', 'nev_share', '新能源汽车占新增车辆比例', '比例 0–1', 'nev_added / vehicles_added; in roll-ups Σ / Σ over the institutions that added vehicles. NULL when none were added or the counts are unknown.'),
    ('*', 'pv_share', '光伏发电占用电量比例', '比例 0–1', 'pv_kwh / electricity_kwh.'),
    ('*', 'electricity_share', '电力占综合能耗比例', '比例 0–1', 'electricity_kgce / kgce (energy mix, 当量值).'),
    ('*', 'coal_share', '煤品占综合能耗比例', '比例 0–1', 'coal_kgce / kgce.'),
    ('*', 'oil_share', '油品占综合能耗比例', '比例 0–1', 'oil_kgce / kgce.'),
    ('*', 'gas_share', '天然气占综合能耗比例', '比例 0–1', 'gas_kgce / kgce.'),
    ('*', 'heat_share', '热力占综合能耗比例', '比例 0–1', 'heat_kgce / kgce.'),
    ('*', 'renewable_share', '可再生能源占综合能耗比例', '比例 0–1', 'renewable_kgce / kgce.'),
    ('*', 'other_share', '其他能源占综合能耗比例', '比例 0–1', 'other_kgce / kgce; the seven shares add up to 1.'),
    ('*', 'electrification_rate', '电气化率', '比例 0–1', 'Electricity of all origins (grid, green, PV) in standard coal / kgce.'),
    ('*', 'energy_records', '能源记录数', '条', 'Energy records behind the figures, counted once per calendar month they cover: a bill over two months counts twice, a yearly row twelve times, a meter once per month.'),
    ('*', 'water_records', '用水记录数', '条', 'Water rows behind water_m3, counted as energy_records are.'),
    ('*', 'unconverted', '未能折算', '文本', 'What could not be converted, with the carriers and rows: standard coal or CO2 are then NULL; NULL when everything was.'),
    ('*', 'notes', '说明', '文本', 'Why figures are NULL or incomplete: no profile, unknown area or people, no energy or water rows, missing factors, not present the year before.'),
    -- roll-ups
    ('*', 'dimension', '汇总维度', 'region / category / department', 'What rollup_year groups by.'),
    ('*', 'level', '汇总层级', '层级', 'region_year: province, city, county or all; category_year: category, subcategory or all; department_year: department or all.'),
    ('rollup_year', 'code', '分组代码', '文本', 'The group: a region code, a category code or a department; NULL for all.'),
    ('rollup_input', 'prev_kgce', '上年综合能耗', 'kgce', 'The same institution''s kgce in the year before (NULL when it was not present then).'),
    ('rollup_input', 'prev_kgco2', '上年二氧化碳排放', 'kgCO2', 'The same institution''s kgco2 in the year before.'),
    ('rollup_input', 'prev_water_m3', '上年用水量', 'm³', 'The same institution''s water_m3 in the year before.'),
    ('rollup_input', 'prev_electricity_kwh', '上年用电量', 'kWh', 'The same institution''s electricity_kwh in the year before.'),
    ('rollup_input', 'prev_building_area_m2', '上年建筑面积', 'm²', 'The same institution''s building_area_m2 in the year before.'),
    ('rollup_input', 'prev_people', '上年用能人数', '人', 'The same institution''s people in the year before.'),
    ('*', 'unallocated', '未落到本层级', '是/否', 'True for the group of institutions whose recorded code is coarser than the level (a city row of institutions known only by their province) or that have no department; it keeps every institution in every level.'),
    ('region_year', 'region_code', '行政区划代码', 'GB/T 2260 六位代码', 'The province, city or county; for an unallocated row the coarser code the institutions carry; NULL for level all.'),
    ('region_year', 'region_name', '行政区划名称', '文本', 'Name of the region (全部 for level all; with （未细分到市） or （未细分到县） for an unallocated row).'),
    ('region_year', 'parent_code', '上级行政区划代码', 'GB/T 2260 六位代码', 'The region one level up (for an unallocated row, the region whose institutions it holds).'),
    ('category_year', 'category', '机构类别', '类别代码', 'Category (01, 02, 03), sub-class (021–026) or NULL for all.'),
    ('category_year', 'category_name', '机构类别名称', '文本', 'Name of the category (全部 for level all).'),
    ('category_year', 'parent_category', '上级类别', '类别代码', '02 for the sub-classes 021–026.'),
    ('department_year', 'department', '主管部门', '文本', 'The department; NULL for level all and for the institutions without one (unallocated).'),
    ('*', 'institutions', '机构数', '个', 'Institutions present in the group and year: with consumption or a profile.'),
    -- data quality
    ('data_quality', 'year', '统计年度', '年', 'The year the finding is about; NULL for findings about the institution or a meter as a whole.'),
    ('data_quality', 'rule', '规则', '规则代码', 'credit_code, no_profile, no_building_area, no_people, no_energy_data, no_water_data, missing_factor, quota_above_constraint, quota_below_guide, building_area_change, people_change, bill_overlap, bill_gap, bill_partial_year, bill_outlier, bill_other_account, negative_total, credit_duplicate, no_records, carrier_stopped, estimated_records, meter_reset, meter_restart, meter_reversal, meter_duplicate, meter_null_reading, meter_negative_reading, meter_replacement_unpaired, meter_invalid_readings, ledgers_off, ledgers_stale (these two about the whole model: institution_id and year NULL).'),
    ('data_quality', 'severity', '严重程度', 'error / warning / info', 'error: a figure is wrong or missing; warning: a figure is incomplete or suspicious; info: worth knowing.'),
    ('data_quality', 'detail', '说明', '文本', 'What was found, with the values.'),
    ('data_quality', 'reference', '关联记录', '编号', 'The consumption_id of a bill, the meter_id of a meter, or the quota standard, the finding is about; NULL when the finding is about an institution, a year or the model as a whole.');

CREATE FUNCTION energy.model_document(model name) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT DISTINCT ON (a.attrelid, a.attnum)
               a.attrelid::regclass AS rel, a.attname, d.name_zh, d.unit, d.description, x.suffix, x.base
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class r ON r.oid = a.attrelid
         CROSS JOIN LATERAL (
                SELECT s.suffix, left(a.attname, length(a.attname) - length(s.suffix)) AS base, s.ord
                  FROM (VALUES (1, '_change_institutions'), (2, '_institutions'), (3, '_coverage'), (4, '_change'), (5, ''))
                       AS s(ord, suffix)
                 WHERE right(a.attname, length(s.suffix)) = s.suffix AND length(a.attname) > length(s.suffix)) AS x
         CROSS JOIN LATERAL (
                SELECT dd.* FROM energy.model_column_doc dd
                 WHERE dd.column_name = x.base AND dd.relation IN (r.relname, '*')
                 ORDER BY dd.relation = '*' LIMIT 1) AS d
         WHERE r.relnamespace = quote_ident(model)::regnamespace AND r.relkind IN ('r', 'v')
           AND a.attnum > 0 AND NOT a.attisdropped
           AND (x.suffix = '' OR EXISTS (SELECT 1 FROM energy.model_rollup_spec() s WHERE s.name = x.base))
         ORDER BY a.attrelid, a.attnum, x.ord
    LOOP
        EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', c.rel, c.attname,
            CASE c.suffix
                WHEN '' THEN format('%s（%s）：%s', c.name_zh, c.unit, c.description)
                WHEN '_institutions' THEN format('%s计入机构数（个）：institutions counted in %s, those with the figures it needs.', c.name_zh, c.base)
                WHEN '_coverage' THEN format('%s覆盖率（比例，0–1）：%s_institutions / institutions present.', c.name_zh, c.base)
                WHEN '_change' THEN format('%s变化率（比例）：(this year − last year) / last year, negative for a decrease; in roll-ups over the institutions with the figures in both years (%s_change_institutions). NULL when last year''s figure is missing or zero (a first year, say).', c.name_zh, c.base)
                ELSE format('%s可比机构数（个）：institutions with the figures of %s in this year and the year before (like for like).', c.name_zh, c.base)
            END);
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.model_document(name) IS
    'Puts the comments of energy.model_column_doc on the columns of a model''s tables and views (internal; energy.create_model and energy.upgrade_model call it). Columns it has no entry for (your own) keep theirs.';

-- The columns of 0.1.0's two catalogue views, which that release left
-- without comments (BI tools and \d+ show these).
COMMENT ON COLUMN energy.carriers.carrier IS '能源品种 (carrier): its code, the energy.carrier value.';
COMMENT ON COLUMN energy.carriers.name_zh IS '中文名称: the carrier''s name in the statistics forms.';
COMMENT ON COLUMN energy.carriers.name_en IS 'English name.';
COMMENT ON COLUMN energy.carriers.is_energy IS '是否计入综合能耗: true for carriers that count toward comprehensive energy consumption; false for water.';
COMMENT ON COLUMN energy.carriers.base_unit IS '基准单位: the unit its amounts default to and its coefficients are kept in (kWh, kg, m³, MJ or kgce).';
COMMENT ON COLUMN energy.carriers.unit_groups IS '可用单位组: the unit groups of energy.units its amounts may be recorded in (space-separated).';
COMMENT ON COLUMN energy.carriers.units IS '可用单位: every unit its amounts may be recorded in.';
COMMENT ON COLUMN energy.carriers.spellings IS '可识别写法: the spellings the carrier type accepts on input (codes, Chinese and English names).';
COMMENT ON COLUMN energy.units.unit_group IS '单位组: mass, liquid volume, gas volume, water volume, electricity, heat or standard coal (energy.carriers says which carrier takes which).';
COMMENT ON COLUMN energy.units.unit IS '单位: the unit as written (its canonical spelling).';
COMMENT ON COLUMN energy.units.size_in_base IS '折合基准单位: how many base units one of this unit is (exact for decimal sizes).';
COMMENT ON COLUMN energy.units.base_unit IS '基准单位: the base unit of the group.';
COMMENT ON COLUMN energy.units.needs_density IS '需密度: true when converting it to the carrier''s base unit needs the fuel''s density (litres of a liquid fuel to kg).';
COMMENT ON COLUMN energy.units.aliases IS '其他写法: other spellings accepted for the unit.';
