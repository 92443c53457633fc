/**
 * Tra cứu (subscriber.lookup): a line by its number or a person's lines by their document, sent in
 * the request's body; the page's address never holds either. A number found opens its line's page
 * (/tra-cuu/thue-bao/<id>); a person's lines are listed, masked, until the next search.
 */
import { Alert, Button, Card, Form, Input, List, Result, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiProblem, problemMessage } from '../../api/problem.ts';
import { useLastSearch, useLookupSearch, type LineView, type LookupSearch } from '../../hooks/lookup.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { linePath } from '../staff-pages.tsx';
import { LockTag, StateTag } from './line-tags.tsx';

function SearchForm({ field, label, placeholder, inputMode, pending, onSearch }: {
  field: 'msisdn' | 'document';
  label: string;
  placeholder: string;
  inputMode: 'tel' | 'text';
  pending: boolean;
  onSearch: (value: string) => void;
}) {
  const m = useMessages();
  return (
    <Form layout="vertical" requiredMark={false} onFinish={(values: Record<string, string>) => onSearch(values[field]?.trim() ?? '')} disabled={pending}>
      {/* The field and its button side by side; the field's errors show under both. */}
      <Form.Item label={label} htmlFor={field}>
        <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
          <Form.Item name={field} noStyle rules={[{ required: true, whitespace: true, message: m.lookup.required }]}>
            <Input placeholder={placeholder} inputMode={inputMode} autoComplete="off" autoFocus size="large" allowClear />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={pending}>
            {m.lookup.search}
          </Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  );
}

function PersonLines({ lines }: { lines: readonly LineView[] }) {
  const m = useMessages();
  return (
    <Card title={m.lookup.results(lines.length)}>
      <List
        dataSource={[...lines]}
        rowKey="id"
        renderItem={(line) => (
          <List.Item actions={[<Link key="open" to={linePath(line.id)}>{m.lookup.open}</Link>]}>
            <List.Item.Meta
              title={<Link to={linePath(line.id)}>{`${line.msisdn} · ${m.carrier(line.carrier)}`}</Link>}
              description={
                <Space wrap size={4}>
                  <StateTag line={line} />
                  <LockTag line={line} />
                  <Typography.Text type="secondary">{line.holder.fullName}</Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

export default function LookupPage() {
  const m = useMessages();
  const navigate = useNavigate();
  const search = useLookupSearch();
  const { data: last } = useLastSearch();
  const [by, setBy] = useState<LookupSearch['by']>(last?.by ?? 'line');
  const run = (request: LookupSearch) =>
    search.mutate(request, {
      onSuccess: (answer) => {
        const [only, ...others] = answer.lines;
        if (request.by === 'line' && only && others.length === 0) void navigate(linePath(only.id));
      },
    });
  const notFound = search.error instanceof ApiProblem && search.error.code === 'SUBSCRIBER_NOT_FOUND';
  const pending = search.isPending;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{m.lookup.title}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
          {m.lookup.intro}
        </Typography.Paragraph>
      </div>
      <Card>
        <Tabs
          activeKey={by}
          onChange={(key) => {
            setBy(key as LookupSearch['by']);
            search.reset();
          }}
          destroyOnHidden
          items={[
            {
              key: 'line',
              label: m.lookup.byLine,
              children: <SearchForm field="msisdn" label={m.lookup.msisdn} placeholder={m.lookup.msisdnPlaceholder} inputMode="tel" pending={pending} onSearch={(msisdn) => run({ by: 'line', msisdn })} />,
            },
            {
              key: 'person',
              label: m.lookup.byPerson,
              children: (
                <SearchForm field="document" label={m.lookup.document} placeholder={m.lookup.documentPlaceholder} inputMode="text" pending={pending} onSearch={(document) => run({ by: 'person', document })} />
              ),
            },
          ]}
        />
        {notFound ? (
          <Result status="warning" title={m.lookup.notFound} subTitle={m.lookup.notFoundHint} role="alert" />
        ) : (
          search.error && <Alert type="error" showIcon title={problemMessage(search.error, m)} role="alert" />
        )}
      </Card>
      {!search.error && last?.by === 'person' && by === 'person' && <PersonLines lines={last.answer.lines} />}
    </Space>
  );
}
