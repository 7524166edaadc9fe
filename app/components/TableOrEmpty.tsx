import { DataTable, Text, type DataTableProps } from "@shopify/polaris";

/** A table, or when it has no rows the sentence that says why, instead of an empty grid. */
export function TableOrEmpty({ empty, ...table }: DataTableProps & { empty: string }) {
  if (table.rows.length === 0) {
    return (
      <Text as="p" tone="subdued">
        {empty}
      </Text>
    );
  }
  return <DataTable {...table} />;
}
