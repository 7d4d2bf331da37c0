/* The sections of capi_test, one ctest test each (see capi_test.c). */
#ifndef PIPECAST_CAPI_SECTIONS_H
#define PIPECAST_CAPI_SECTIONS_H

/* capi_builder_test.c */
int test_build(char** args);
int test_round_trip(char** args);
int test_views(char** args);
int test_batches(char** args);
int test_builder_rules(char** args);

/* capi_activities_test.c */
int test_activities(char** args);

/* capi_results_test.c */
int test_report(char** args);
int test_report_sections(char** args);
int test_tables(char** args);
int test_json_buffers(char** args);
int test_lead_plan(char** args);
int test_activity_effects(char** args);
int test_worklist(char** args);
int test_result_threads(char** args);
int test_load_log(char** args);
int write_report_json(char** args);
int write_plan_json(char** args);

/* capi_opportunities_test.c */
int test_opportunities(char** args);

/* capi_garbage_test.c */
int test_null_arguments(char** args);
int test_dead_handles(char** args);
int test_bad_sizes(char** args);
int test_bad_text(char** args);
int test_versions(char** args);

/* capi_forecast_test.c */
int test_fit(char** args);
int test_score(char** args);
int test_model_files(char** args);
int test_forecast(char** args);
int test_forecast_movement(char** args);
int test_thread_cap(char** args);
int test_out_of_memory(char** args);
int test_callback_model(char** args);
int test_backtest(char** args);
int test_backtest_callback_model(char** args);
int test_forecast_garbage(char** args);
int write_score_json(char** args);
int write_forecast_json(char** args);
int write_backtest_json(char** args);
int write_score_no_activities_json(char** args);
int write_backtest_no_activities_json(char** args);

/* capi_parts_fit_test.c */
int test_parts_fit(char** args);

/* capi_forecast_parts_test.c */
int test_forecast_parts(char** args);

/* capi_backtest_blocks_test.c */
int test_backtest_blocks(char** args);

/* capi_fit_activities_test.c */
int test_fit_activities(char** args);

#endif
