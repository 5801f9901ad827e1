package org.parley.desktop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SuiteComponent;
import org.parley.protocol.suite.SuitePreferences;

/**
 * The login window's "Advanced" section: a preset, or individual components of each kind, each
 * shown with its security level, post-quantum label and status, and a live worst-case summary.
 *
 * <p>Without "choose individual components" the boxes show the preset's components, read-only.
 * With it, the offer is exactly the ticked components; a kind with nothing ticked makes the choice
 * invalid (the window then refuses to connect and says which kind is missing).
 *
 * <p><b>Security.</b> Only components Parley implements can be ticked, and all of them are at
 * least 112-bit; the summary shows what a server choosing the weakest ticked entries would give.
 */
final class SuiteChooser {
    private static final List<String> KIND_KEYS = List.of("security.kex", "security.signature", "security.cipher", "security.hash");

    private final I18n i18n;
    private final ComboBox<Preset> preset = new ComboBox<>();
    private final Label presetInfo = new Label();
    private final CheckBox custom = new CheckBox();
    private final Map<SuiteComponent, CheckBox> boxes = new LinkedHashMap<>();
    private final Label summary = new Label();
    private final BooleanProperty valid = new SimpleBooleanProperty(true);
    private final TitledPane pane;

    SuiteChooser(I18n i18n, Settings settings) {
        this.i18n = i18n;
        preset.setId("preset");
        preset.getItems().setAll(Preset.values());
        preset.setValue(settings.preset());
        preset.setConverter(new PresetText(i18n));
        presetInfo.setId("presetInfo");
        presetInfo.setWrapText(true);
        presetInfo.getStyleClass().add("hint");
        custom.setId("customSuite");
        custom.textProperty().bind(i18n.text("login.custom"));
        summary.setId("offerSummary");
        // Going custom starts from the preset's components; from then on the preset no longer applies.
        preset.disableProperty().bind(custom.selectedProperty());
        presetInfo.visibleProperty().bind(custom.selectedProperty().not());
        presetInfo.managedProperty().bind(presetInfo.visibleProperty());
        summary.setWrapText(true);

        // Two kinds per row, so the labels fit a login-sized window.
        GridPane grid = new GridPane(24, 12);
        List<List<? extends SuiteComponent>> kinds = CustomSuite.kinds();
        for (int kind = 0; kind < kinds.size(); kind++) {
            Label heading = new Label();
            heading.textProperty().bind(i18n.text(KIND_KEYS.get(kind)));
            heading.getStyleClass().add("column");
            VBox column = new VBox(4, heading);
            for (SuiteComponent component : kinds.get(kind)) {
                column.getChildren().add(box(component));
            }
            grid.add(column, kind % 2, kind / 2);
        }
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("login.customHint"));
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        VBox content = new VBox(8, new HBox(10, preset), presetInfo, custom, hint, grid, summary);
        content.setPadding(new Insets(8));
        pane = new TitledPane("", content);
        pane.setId("advanced");
        // No animation: the login window grows to the expanded size in one step.
        pane.setAnimated(false);
        pane.setExpanded(settings.customSuite());

        if (settings.customSuite()) {
            custom.setSelected(true);
            List<SuiteComponent> remembered = CustomSuite.fromKeys(settings.components());
            boxes.forEach((component, box) -> box.setSelected(remembered.contains(component)));
        } else {
            showPreset();
        }
        preset.valueProperty().addListener((obs, old, now) -> showPreset());
        custom.selectedProperty().addListener((obs, old, now) -> showPreset());
        i18n.localeProperty().addListener((obs, old, now) -> {
            preset.setConverter(new PresetText(i18n));
            refresh();
        });
        refresh();
    }

    /** The section, collapsed unless individual components were chosen last time. */
    TitledPane node() {
        return pane;
    }

    /** False while some kind has no component ticked. */
    ReadOnlyBooleanProperty valid() {
        return valid;
    }

    /** What to offer: the preset's lists, or the ticked components. */
    SuitePreferences offer() {
        return custom.isSelected() ? chosen().orElseThrow(() -> new IllegalStateException("incomplete choice"))
                : preset.getValue().preferences();
    }

    void remember(Settings settings) {
        List<String> keys = boxes.entrySet().stream().filter(e -> e.getValue().isSelected())
                .map(e -> CustomSuite.key(e.getKey())).toList();
        settings.rememberSuite(preset.getValue(), custom.isSelected(), keys);
    }

    private CheckBox box(SuiteComponent component) {
        CheckBox box = new CheckBox(PresetText.label(component));
        box.setId("component-" + component.label());
        box.getStyleClass().add("component-" + component.status().name().toLowerCase(java.util.Locale.ROOT));
        box.setTooltip(new Tooltip());
        box.getTooltip().textProperty().bind(i18n.text("component." + component.status().name()));
        box.disableProperty().bind(custom.selectedProperty().not());
        box.selectedProperty().addListener((obs, old, now) -> refresh());
        boxes.put(component, box);
        return box;
    }

    /** Ticks exactly the preset's components; when the user then goes custom, they start from there. */
    private void showPreset() {
        if (!custom.isSelected()) {
            SuitePreferences prefs = preset.getValue().preferences();
            List<SuiteComponent> inPreset = new ArrayList<>();
            inPreset.addAll(prefs.keyExchanges());
            inPreset.addAll(prefs.signatures());
            inPreset.addAll(prefs.ciphers());
            inPreset.addAll(prefs.hashes());
            boxes.forEach((component, box) -> box.setSelected(inPreset.contains(component)));
        }
        refresh();
    }

    private Optional<SuitePreferences> chosen() {
        return CustomSuite.offer(boxes.entrySet().stream().filter(e -> e.getValue().isSelected()).map(Map.Entry::getKey).toList());
    }

    private void refresh() {
        presetInfo.setText(PresetText.components(preset.getValue()));
        pane.setText(i18n.get("login.advanced", custom.isSelected() ? i18n.get("login.customShort") : preset.getValue().name()));
        Optional<SuitePreferences> offer = custom.isSelected() ? chosen() : Optional.of(preset.getValue().preferences());
        valid.set(offer.isPresent());
        summary.getStyleClass().remove("invalid");
        if (offer.isPresent()) {
            SuitePreferences prefs = offer.get();
            summary.setText(i18n.get("login.offerSummary", CustomSuite.worstCaseBits(prefs),
                    i18n.get("login.coverage." + CustomSuite.postQuantumKeyExchange(prefs).name()),
                    i18n.get("login.coverage." + CustomSuite.postQuantumSignature(prefs).name())));
        } else {
            List<String> missing = new ArrayList<>();
            List<List<? extends SuiteComponent>> kinds = CustomSuite.kinds();
            for (int i = 0; i < kinds.size(); i++) {
                if (kinds.get(i).stream().noneMatch(c -> boxes.get(c).isSelected())) {
                    missing.add(i18n.get(KIND_KEYS.get(i)));
                }
            }
            summary.setText(i18n.get("login.missing", String.join(", ", missing)));
            summary.getStyleClass().add("invalid");
        }
    }
}
