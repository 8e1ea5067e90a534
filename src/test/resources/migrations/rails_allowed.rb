class RemoveLegacyFlag < ActiveRecord::Migration[7.1]
  def change
    # release-train: allow drop-column: legacy_flag has been ignored_columns since 1.27
    remove_column :teams, :legacy_flag
  end
end
